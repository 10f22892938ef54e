# A two-router lab joined by a UDP tunnel, as lab generators write it.
Vagrant.configure("2") do |config|
  config.vm.box = "generic/debian12"
  config.vm.synced_folder ".", "/vagrant", disabled: true
  config.ssh.insert_key = false

  config.vm.define "r1" do |r1|
    r1.vm.hostname = "r1"
    r1.vm.network :private_network,
                  :libvirt__tunnel_type => "udp",
                  :libvirt__tunnel_local_ip => "127.1.1.1",
                  :libvirt__tunnel_local_port => 10001,
                  :libvirt__tunnel_ip => "127.1.1.2",
                  :libvirt__tunnel_port => 10001,
                  :libvirt__iface_name => "r1-eth1",
                  auto_config: false
    r1.vm.provider :libvirt do |domain|
      domain.memory = 512
      domain.cpus = 1
      domain.nic_model_type = "virtio"
    end
  end

  config.vm.define "r2" do |r2|
    r2.vm.hostname = "r2"
    r2.vm.network :private_network,
                  :libvirt__tunnel_type => "udp",
                  :libvirt__tunnel_local_ip => "127.1.1.2",
                  :libvirt__tunnel_local_port => 10001,
                  :libvirt__tunnel_ip => "127.1.1.1",
                  :libvirt__tunnel_port => 10001,
                  auto_config: false
  end
end
