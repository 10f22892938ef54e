Vagrant.configure("2") do |config|
  config.vm.box = "generic/ubuntu2204"
  config.vm.network :private_network, ip: "10.10.10.5"

  config.vm.provision "ansible" do |ansible|
    ansible.playbook = "site.yml"
    ansible.inventory_path = "inventory"
    ansible.limit = "all"
    ansible.extra_vars = { env: "dev", debug: true }
  end
end
