# A two-router lab with a point-to-point link as a UDP tunnel, as lab generators write it.
Vagrant.configure("2") do |config|
  config.ssh.insert_key = false

  config.vm.define "r1" do |r1|
    r1.vm.box = "vyos/current"
    r1.vm.synced_folder ".", "/vagrant", disabled: true
    r1.vm.provider :libvirt do |domain|
      domain.cpus = 2
      domain.memory = 1024
      domain.nic_model_type = "virtio"
    end
    r1.vm.network :private_network,
                  :libvirt__tunnel_type => "udp",
                  :libvirt__tunnel_local_ip => "127.1.1.1",
                  :libvirt__tunnel_local_port => 10001,
                  :libvirt__tunnel_ip => "127.1.1.2",
                  :libvirt__tunnel_port => 10001,
                  :libvirt__iface_name => "vgif_r1_1",
                  auto_config: false
  end

  config.vm.define "r2" do |r2|
    r2.vm.box = "vyos/current"
    r2.vm.synced_folder ".", "/vagrant", disabled: true
    r2.vm.network :private_network,
                  :libvirt__tunnel_type => "udp",
                  :libvirt__tunnel_local_ip => "127.1.1.2",
                  :libvirt__tunnel_local_port => 10001,
                  :libvirt__tunnel_ip => "127.1.1.1",
                  :libvirt__tunnel_port => 10001,
                  auto_config: false
  end
end
